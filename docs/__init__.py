"""The negotrack documentation: its Sphinx configuration and the code behind its pages."""
