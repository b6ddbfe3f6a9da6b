"""The Sphinx hooks, and the generators of the parts of pages made from the code."""
