"""One-line lambdas; epochs turned into floats first, floor of the division for the drops."""
import numpy as np

inverse_time = lambda alpha0, decay, epoch: alpha0 / (1 + decay * np.float64(epoch))
exponential = lambda alpha0, beta, epoch: alpha0 * np.power(beta, np.float64(epoch))
inverse_sqrt = lambda alpha0, k, epoch: alpha0 * k / np.sqrt(np.fmax(np.float64(epoch), 1.0))
step = lambda alpha0, k, every, epoch: alpha0 / k ** np.floor(np.float64(epoch) / every)
