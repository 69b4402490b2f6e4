"""``python -m credintake.api`` is the ``credintake`` command."""

from credintake.api.cli import main

main()
