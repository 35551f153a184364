"""Canned answers («réponses types»): managers write them, officers pick them."""
