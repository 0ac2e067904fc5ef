"""Device and backend selection: the worker's environment for each --device, manifest default and runtime."""
from __future__ import annotations

import pytest

from tutor.grading.devices import DeviceError, DevicePlan, check_backend_installed, device_used, plan_device


def env(plan: DevicePlan) -> dict[str, str]:
    return dict(plan.env)


def test_numpy_always_runs_on_the_cpu() -> None:
    plan = plan_device("auto", "any", "numpy")
    assert env(plan)["CUDA_VISIBLE_DEVICES"] == "-1" and device_used(plan, gpus_visible=1) == "cpu"
    with pytest.raises(DeviceError, match="plain NumPy"):
        plan_device("gpu", "any", "numpy")


def test_auto_follows_the_manifest() -> None:
    assert "CUDA_VISIBLE_DEVICES" in env(plan_device("auto", "cpu", "tensorflow"))
    plan = plan_device("auto", "any", "tensorflow")
    assert "CUDA_VISIBLE_DEVICES" not in env(plan)
    assert device_used(plan, gpus_visible=1) == "gpu"
    assert device_used(plan, gpus_visible=0) == "cpu"


def test_cpu_hides_gpus() -> None:
    plan = plan_device("cpu", "any", "tensorflow")
    assert env(plan)["CUDA_VISIBLE_DEVICES"] == "-1" and env(plan)["JAX_PLATFORMS"] == "cpu"
    assert device_used(plan, gpus_visible=0) == "cpu"


def test_gpu_without_a_gpu_fails_clearly() -> None:
    plan = plan_device("gpu", "cpu", "tensorflow")  # an explicit --device gpu overrides the manifest's cpu
    assert "CUDA_VISIBLE_DEVICES" not in env(plan)
    assert device_used(plan, gpus_visible=2) == "gpu"
    with pytest.raises(DeviceError, match="TensorFlow sees no GPU"):
        device_used(plan, gpus_visible=0)


def test_backends() -> None:
    assert env(plan_device("auto", "any", "tensorflow", "jax"))["KERAS_BACKEND"] == "jax"
    assert env(plan_device("auto", "any", "tensorflow-legacy"))["TF_USE_LEGACY_KERAS"] == "1"
    with pytest.raises(DeviceError, match="only on the TensorFlow backend"):
        plan_device("auto", "any", "tensorflow-legacy", "torch")
    with pytest.raises(DeviceError, match="unknown Keras backend"):
        plan_device("auto", "any", "tensorflow", "theano")
    with pytest.raises(DeviceError, match="unknown device"):
        plan_device("tpu", "any", "tensorflow")


def test_missing_backend_package_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "jax" else real(name, *a))
    with pytest.raises(DeviceError, match="pip install jax"):
        check_backend_installed(plan_device("auto", "any", "tensorflow", "jax"))
    check_backend_installed(plan_device("auto", "any", "tensorflow"))
