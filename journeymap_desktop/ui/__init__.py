"""The main window, inspector, palette, find bar and dialogs."""
