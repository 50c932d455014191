"""The adapter to MkDocs: the plugin's hooks call the stages above. Changes when MkDocs does."""
