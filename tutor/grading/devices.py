"""Device and Keras backend selection for the worker's environment (decided before TensorFlow is imported)."""
from __future__ import annotations

from dataclasses import dataclass

from tutor.core.i18n import Bilingual

DEVICES = ("auto", "cpu", "gpu")
BACKENDS = ("tensorflow", "jax", "torch")


class DeviceError(Bilingual, ValueError):
    """A device or backend that cannot be used here; the message in both languages."""


@dataclass(frozen=True)
class DevicePlan:
    requested: str  # what the learner or the manifest asked for
    env: tuple[tuple[str, str], ...]  # variables the zygote starts with
    backend: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.requested, self.backend)


def plan_device(requested: str, manifest_device: str, runtime: str, backend: str = "tensorflow") -> DevicePlan:
    """Map --device and the manifest's default onto the worker's environment.

    A manifest that says `cpu` keeps the exercise on the CPU unless the learner asks for the GPU explicitly;
    NumPy exercises always run on the CPU. `gpu` is checked later against what TensorFlow sees.
    """
    if requested not in DEVICES:
        raise DeviceError(f"unknown device '{requested}': use one of {', '.join(DEVICES)}",
                          f"dispositivo desconocido '{requested}': usa uno de {', '.join(DEVICES)}")
    if backend not in BACKENDS:
        raise DeviceError(f"unknown Keras backend '{backend}': use one of {', '.join(BACKENDS)}",
                          f"motor de Keras desconocido '{backend}': usa uno de {', '.join(BACKENDS)}")
    if runtime == "tensorflow-legacy" and backend != "tensorflow":
        raise DeviceError("the tf.compat.v1 workshop runs only on the TensorFlow backend",
                          "el taller de tf.compat.v1 corre solo con el motor TensorFlow")
    effective = requested
    if requested == "auto":
        effective = "cpu" if (manifest_device == "cpu" or runtime == "numpy") else "auto"
    if runtime == "numpy" and requested == "gpu":
        raise DeviceError("this exercise is plain NumPy and runs on the CPU; drop --device gpu",
                          "este ejercicio es NumPy puro y corre en la CPU; quita --device gpu")
    env = [("KERAS_BACKEND", backend)]
    if effective == "cpu":
        env += [("CUDA_VISIBLE_DEVICES", "-1"), ("JAX_PLATFORMS", "cpu")]
    if runtime == "tensorflow-legacy":
        env.append(("TF_USE_LEGACY_KERAS", "1"))
    return DevicePlan(effective, tuple(env), backend)


def check_backend_installed(plan: DevicePlan) -> None:
    """A Keras backend other than TensorFlow needs its own package; say so before starting a worker."""
    import importlib.util

    if plan.backend != "tensorflow" and importlib.util.find_spec(plan.backend) is None:
        raise DeviceError(f"--backend {plan.backend} needs the {plan.backend} package: pip install {plan.backend}",
                          f"--backend {plan.backend} necesita el paquete {plan.backend}: pip install {plan.backend}")


def device_used(plan: DevicePlan, gpus_visible: int) -> str:
    """What the result records: the device the worker actually had."""
    if plan.requested == "cpu":
        return "cpu"
    if plan.requested == "gpu" and gpus_visible == 0:
        raise DeviceError("--device gpu was asked for, but TensorFlow sees no GPU here; "
                          "install the gpu extra (pip install 'tensor-tutor[gpu]') or use --device cpu",
                          "se pidió --device gpu, pero TensorFlow no ve ninguna GPU aquí; "
                          "instala el extra gpu (pip install 'tensor-tutor[gpu]') o usa --device cpu")
    return "gpu" if gpus_visible > 0 else "cpu"
