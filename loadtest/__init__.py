"""The load test: a Locust scenario (locustfile.py over scenario.py), its seed (seed.py) and the orchestrator that
starts the production-like stack, runs it and reports (run.py; `make load`)."""
