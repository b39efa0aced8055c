"""Sent when a framework file has been loaded, inside its transaction, so that apps above this layer can
load their own sections of the same file (indicators/loader.py) without this layer importing them.

Receivers get `framework` (the Framework), `data` (the checked file, parse_framework's dict) and `result`
(the LoadResult, whose counts they add to). A receiver that raises FrameworkFileError refuses the whole file.
"""

from django.dispatch import Signal

framework_loaded = Signal()
