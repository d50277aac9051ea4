"""Fact aot-cpp: the AOTInductor entry points that package a model for C++ exist."""

import inspect

import torch._inductor

compile_fn = torch._inductor.aoti_compile_and_package
load_fn = torch._inductor.aoti_load_package
assert callable(compile_fn) and callable(load_fn), "AOTInductor entry points are gone"
assert "package_path" in inspect.signature(compile_fn).parameters
print("torch._inductor.aoti_compile_and_package / aoti_load_package present")
