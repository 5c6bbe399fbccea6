"""Client lists are read away from the web worker: ``reader`` hands the bytes to ``helper``, a
process of its own that imports only calculators/, and takes the rows back."""
