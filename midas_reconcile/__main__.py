"""``python -m midas_reconcile``: the ``midas`` command, where the console script is not on the path."""

import sys

from midas_reconcile.cli import main

sys.exit(main())
