"""Coverage-guided fuzzing of the loader and the renderers, and the corpus of what once failed."""
