"""The HTTP face of mhsw: a FastAPI app (`service.app.create_app`) and the recruiter page it serves."""
