"""The members' chat: the Gradio app, each answer and its sources rendered as escaped HTML, the first
screen and about line, the article view at the cited passage, request limits, and the feedback log.

Takes: a `Pipeline` from rag.answer. Gives: a web app. Imports rag.answer and everything below it.
"""
