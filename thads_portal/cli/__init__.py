"""The `thads` command: one module a command, each with `main(argv) -> int` (see main.py)."""
