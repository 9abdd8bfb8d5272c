"""Petitions (phản ánh, kiến nghị) about administrative regulations and the conduct of agencies: RULES §11."""
