"""The Textual review app. The only package that imports textual."""
