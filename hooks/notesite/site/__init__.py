"""The engine's MkDocs side: note index, generated pages, discovery, page parts, and the events that run them."""
