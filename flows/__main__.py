"""``python -m flows`` is the same as the ``jingji`` command."""

from flows.cli import main

raise SystemExit(main())
