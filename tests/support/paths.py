"""Where things are, whatever folder a test module is in."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the repository
DATA = ROOT / "tests" / "data"  # framework files and the source documents' text the tests read
