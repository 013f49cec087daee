"""Plain-text tables that line up in a terminal, Chinese text included.

Chinese characters take two terminal columns, so padding by ``len()`` misaligns every row
that mixes scripts; these measure display cells. The ``policyline`` command prints its
tables with them, and so can your scripts.
"""

from policyline._render.text import align_columns, table

__all__ = ["align_columns", "table"]
