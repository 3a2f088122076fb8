"""Claim matching across documents: candidate retrieval, reranking and link decisions.

The ranking modules (text, bm25, embeddings, ranking, linking) are pure Python with no Django
imports; services.py and retrieval.py put them to work on stored claims.
"""
