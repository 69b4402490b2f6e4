"""Reading a curriculum vitae (``pipeline.read_cv``); see ``pipeline`` for the modules."""
