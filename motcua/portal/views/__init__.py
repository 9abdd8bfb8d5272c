"""The citizen portal's pages: each parses its input, calls one service or selector, renders."""
