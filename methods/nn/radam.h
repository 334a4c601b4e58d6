#pragma once
// Rectified Adam (Liu et al., "On the Variance of the Adaptive Learning Rate and Beyond", ICLR 2020),
// the paper's optimiser. LibTorch's C++ frontend has none; this follows the update rule of PyTorch's
// torch.optim.RAdam (1.13 / 2.x, decoupled_weight_decay off) so that step t gives the same numbers:
//   g <- g + weight_decay * p
//   m <- beta1 m + (1 - beta1) g ;  v <- beta2 v + (1 - beta2) g^2
//   m_hat = m / (1 - beta1^t)
//   rho_inf = 2 / (1 - beta2) - 1 ;  rho_t = rho_inf - 2 t beta2^t / (1 - beta2^t)
//   rho_t > 5:  r = sqrt((rho_t-4)(rho_t-2) rho_inf / ((rho_inf-4)(rho_inf-2) rho_t))
//               p <- p - lr * m_hat * r * sqrt(1 - beta2^t) / (sqrt(v) + eps)
//   otherwise:  p <- p - lr * m_hat            (variance not yet tractable: plain momentum)
// Uses only optimizer API that LibTorch 1.13 and 2.x share.

#include <torch/torch.h>

#include <cstdint>
#include <tuple>
#include <vector>

namespace annotbench {

struct RAdamOptions : public torch::optim::OptimizerCloneableOptions<RAdamOptions> {
  RAdamOptions(double lr = 1e-3) : lr_(lr) {}
  TORCH_ARG(double, lr) = 1e-3;
  using betas_t = std::tuple<double, double>;
  TORCH_ARG(betas_t, betas) = std::make_tuple(0.9, 0.999);
  TORCH_ARG(double, eps) = 1e-8;
  TORCH_ARG(double, weight_decay) = 0.0;

 public:
  double get_lr() const override { return lr(); }
  void set_lr(const double lr) override { this->lr(lr); }
};

struct RAdamParamState : public torch::optim::OptimizerCloneableParamState<RAdamParamState> {
  TORCH_ARG(int64_t, step) = 0;
  TORCH_ARG(torch::Tensor, exp_avg);
  TORCH_ARG(torch::Tensor, exp_avg_sq);
};

class RAdam : public torch::optim::Optimizer {
 public:
  explicit RAdam(std::vector<torch::optim::OptimizerParamGroup> param_groups,
                 RAdamOptions defaults = {});
  explicit RAdam(std::vector<torch::Tensor> params, RAdamOptions defaults = {})
      : RAdam({torch::optim::OptimizerParamGroup(std::move(params))}, defaults) {}

  torch::Tensor step(LossClosure closure = nullptr) override;
};

}  // namespace annotbench
