"""Analyse: the NLP layer (spaCy) shared by all coding components."""
