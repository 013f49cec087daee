"""``python -m policyline.cli``: the same as the ``policyline`` command."""

from policyline.cli.main import main

raise SystemExit(main())
