"""The prioritisation matrix on screen: a scene of the cards' marks (layout.matrix), a view
whose drags score cards, one undo step each."""
