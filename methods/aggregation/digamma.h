#pragma once
// The digamma function psi(x) = d/dx log Gamma(x) for x > 0, for MACE's variational M-step
// (Crowd-Kit uses scipy.special.digamma). Accurate to about 1e-14 relative.

namespace annotbench {

double digamma(double x);

}  // namespace annotbench
