"""`python -m journal.cli`: the `journal` command."""

import sys

from journal.cli import main

sys.exit(main())
