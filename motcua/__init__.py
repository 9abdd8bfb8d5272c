"""motcua: the one-stop shop for administrative procedures."""
