.PHONY: serve test lint fmt bench

serve:
	nomentum serve

test:
	scripts/test

lint:
	ruff check src tests bench
	ruff format --check src tests bench
	mypy

fmt:
	ruff check --fix src tests bench
	ruff format src tests bench

bench:
	python bench/log_throughput.py
	python bench/log_table.py
	python bench/chaos.py
	python bench/hostile_imports.py
	python bench/guard_eval.py
	python bench/insights.py
