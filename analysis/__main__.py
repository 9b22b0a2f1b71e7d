"""Command line: `python -m analysis export CORPUS_DIR --out OUT_DIR`, `python -m analysis kwic …`."""

from analysis.cli import main

raise SystemExit(main())
