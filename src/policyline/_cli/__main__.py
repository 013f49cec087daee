"""``python -m policyline._cli``: the same as the ``policyline`` command."""

from policyline._cli.main import main

raise SystemExit(main())
