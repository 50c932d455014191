"""The domain: partial dates, the data model with its status vocabulary, the article syntax and the URL contract. Changes when the model does."""
