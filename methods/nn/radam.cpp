#include "methods/nn/radam.h"

#include <cmath>
#include <string>
#include <type_traits>

namespace annotbench {
namespace {

// LibTorch 1.13 keys the optimizer state by the decimal text of the TensorImpl pointer, 2.x by the
// pointer itself; the key type of state() tells which.
template <typename StateMap>
typename StateMap::key_type state_key(const torch::Tensor& parameter) {
  using Key = typename StateMap::key_type;
  if constexpr (std::is_same_v<Key, std::string>) {
    return c10::guts::to_string(parameter.unsafeGetTensorImpl());
  } else {
    return static_cast<Key>(parameter.unsafeGetTensorImpl());
  }
}

}  // namespace

RAdam::RAdam(std::vector<torch::optim::OptimizerParamGroup> param_groups, RAdamOptions defaults)
    : torch::optim::Optimizer(std::move(param_groups), std::make_unique<RAdamOptions>(defaults)) {
  TORCH_CHECK(defaults.lr() >= 0, "Invalid learning rate: ", defaults.lr());
  TORCH_CHECK(defaults.eps() >= 0, "Invalid epsilon value: ", defaults.eps());
  const auto [beta1, beta2] = defaults.betas();
  TORCH_CHECK(0 <= beta1 && beta1 < 1.0, "Invalid beta parameter at index 0: ", beta1);
  TORCH_CHECK(0 <= beta2 && beta2 < 1.0, "Invalid beta parameter at index 1: ", beta2);
  TORCH_CHECK(defaults.weight_decay() >= 0, "Invalid weight_decay value: ",
              defaults.weight_decay());
}

torch::Tensor RAdam::step(LossClosure closure) {
  torch::NoGradGuard no_grad;
  torch::Tensor loss = {};
  if (closure != nullptr) {
    torch::AutoGradMode enable_grad(true);
    loss = closure();
  }
  using StateMap = std::decay_t<decltype(state())>;
  for (auto& group : param_groups()) {
    const auto& options = static_cast<const RAdamOptions&>(group.options());
    const double lr = options.lr();
    const auto [beta1, beta2] = options.betas();
    const double eps = options.eps();
    const double weight_decay = options.weight_decay();
    for (auto& parameter : group.params()) {
      if (!parameter.grad().defined()) continue;
      torch::Tensor grad = parameter.grad();
      TORCH_CHECK(!grad.is_sparse(), "RAdam does not support sparse gradients");

      const auto key = state_key<StateMap>(parameter);
      auto found = state().find(key);
      if (found == state().end()) {
        auto fresh = std::make_unique<RAdamParamState>();
        fresh->exp_avg(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
        fresh->exp_avg_sq(torch::zeros_like(parameter, torch::MemoryFormat::Preserve));
        found = state().insert({key, std::move(fresh)}).first;
      }
      auto& param_state = static_cast<RAdamParamState&>(*found->second);
      param_state.step(param_state.step() + 1);
      const double t = static_cast<double>(param_state.step());

      if (weight_decay != 0) grad = grad.add(parameter, weight_decay);
      torch::Tensor& exp_avg = param_state.exp_avg();
      torch::Tensor& exp_avg_sq = param_state.exp_avg_sq();
      exp_avg.mul_(beta1).add_(grad, 1 - beta1);
      exp_avg_sq.mul_(beta2).addcmul_(grad, grad, 1 - beta2);

      const double bias_correction1 = 1 - std::pow(beta1, t);
      const double bias_correction2 = 1 - std::pow(beta2, t);
      const torch::Tensor corrected_exp_avg = exp_avg / bias_correction1;
      const double rho_inf = 2 / (1 - beta2) - 1;
      const double rho_t = rho_inf - 2 * t * std::pow(beta2, t) / bias_correction2;
      if (rho_t > 5.0) {
        const double rectification = std::sqrt((rho_t - 4) * (rho_t - 2) * rho_inf /
                                               ((rho_inf - 4) * (rho_inf - 2) * rho_t));
        const torch::Tensor adaptive_lr = std::sqrt(bias_correction2) / exp_avg_sq.sqrt().add_(eps);
        parameter.sub_(corrected_exp_avg * lr * adaptive_lr * rectification);
      } else {
        parameter.sub_(corrected_exp_avg * lr);
      }
    }
  }
  return loss;
}

}  // namespace annotbench
