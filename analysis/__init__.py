"""Plain-Python analysis of interview transcripts: reading, segmenting and counting.

No Streamlit here: the CLI, the dashboard's pages and the tests all call these modules.
"""
