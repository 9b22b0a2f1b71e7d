"""The charts: pure plotly figure builders (no Streamlit), one module per family.

`look` (names and colours), `base` (layout and axes), `talk` (timeline, speakers, strip),
`themes` (grid, bars, flow), `terms` (top terms, who says what, keyness, dispersion), `words`
(collocates, network), `trends` (over dates) and `reshape` (rows cut to what a chart draws).
"""
