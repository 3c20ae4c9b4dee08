"""The `mhsw` command line: thin doors onto `classifier.pipeline.Analyser` and the training tools."""
