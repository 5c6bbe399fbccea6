"""The text layer: numbers, money and dates in the reader's language (Babel), and the sentences
an answer is said in wherever it goes — a page, a download, the API's JSON, a picture. No Dash
here: views in components/ and the serializers both read these."""
