// annot-mix's batched form: R replicas of one configuration trained in one pass, so that every
// kernel of a step is R times larger for the same number of kernel launches. That pays where
// launches dominate (a GPU). On a 2-core CPU a letter step is arithmetic-bound instead (the AP
// output layer, 128 -> C*C, and the C x C row normalisation dominate): letter, 50 epochs, 36.1 s
// per replica at R = 10 against 35.6 s per separate run, so the harness uses it only when asked
// (run --batch-seeds, train --replicas).

#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>

#include "datasets/input_error.h"
#include "datasets/random.h"
#include "methods/end_to_end/annot_mix.h"
#include "methods/nn/dropout.h"
#include "methods/nn/flat_parameters.h"
#include "methods/nn/mixup.h"
#include "methods/nn/radam.h"
#include "methods/nn/training.h"

namespace annotbench {

namespace {

std::vector<GroundTruthModel> gt_models(const std::vector<AnnotMixNetwork>& replicas) {
  std::vector<GroundTruthModel> models;
  for (const auto& replica : replicas) models.push_back(replica->gt);
  return models;
}

template <typename Member>
StackedLinear stack_member(const std::vector<AnnotMixNetwork>& replicas, Member member) {
  std::vector<torch::nn::Linear> layers;
  for (const auto& replica : replicas) layers.push_back((*replica).*member);
  return stack_linear(layers);
}

}  // namespace

StackedAnnotMix::StackedAnnotMix(const std::vector<AnnotMixNetwork>& replicas, const torch::Device& device)
    : gt_(gt_models(replicas), device), num_classes_(replicas.front()->num_classes) {
  ap_embed_x_ = stack_member(replicas, &AnnotMixNetworkImpl::ap_embed_x);
  ap_embed_a_ = stack_member(replicas, &AnnotMixNetworkImpl::ap_embed_a);
  ap_output_ = stack_member(replicas, &AnnotMixNetworkImpl::ap_output);
  ap_hidden_layer_ = !replicas.front()->ap_hidden->is_empty();
  if (ap_hidden_layer_) {
    std::vector<torch::nn::Linear> linears;
    std::vector<torch::nn::BatchNorm1d> norms;
    for (const auto& replica : replicas) {
      linears.emplace_back(modules_of<torch::nn::LinearImpl>(replica->ap_hidden).front());
      norms.emplace_back(modules_of<torch::nn::BatchNorm1dImpl>(replica->ap_hidden).front());
    }
    ap_hidden_ = stack_linear(linears);
    ap_norm_ = stack_batch_norm(norms);
    ap_norm_.running_mean = ap_norm_.running_mean.to(device);
    ap_norm_.running_var = ap_norm_.running_var.to(device);
    const auto dropouts = modules_of<BitDropoutImpl>(replicas.front()->ap_hidden);
    ap_dropout_ = dropouts.empty() ? 0.0 : dropouts.front()->p;
  }
}

std::vector<torch::Tensor*> StackedAnnotMix::parameter_slots() {
  std::vector<torch::Tensor*> slots;
  gt_.collect_parameters(slots);
  collect_parameters(ap_embed_a_, slots);
  collect_parameters(ap_embed_x_, slots);
  if (ap_hidden_layer_) {
    collect_parameters(ap_hidden_, slots);
    collect_parameters(ap_norm_, slots);
  }
  collect_parameters(ap_output_, slots);
  return slots;
}

void StackedAnnotMix::copy_replica_to(int64_t replica, AnnotMixNetworkImpl& network) const {
  gt_.copy_replica_to(replica, network.gt);
  unstack_into(ap_embed_a_, replica, network.ap_embed_a);
  unstack_into(ap_embed_x_, replica, network.ap_embed_x);
  unstack_into(ap_output_, replica, network.ap_output);
  if (ap_hidden_layer_) {
    torch::nn::Linear linear(modules_of<torch::nn::LinearImpl>(network.ap_hidden).front());
    torch::nn::BatchNorm1d norm(modules_of<torch::nn::BatchNorm1dImpl>(network.ap_hidden).front());
    unstack_into(ap_hidden_, replica, linear);
    unstack_into(ap_norm_, replica, norm);
  }
}

torch::Tensor StackedAnnotMix::mixed_loss(const torch::Tensor& features, const torch::Tensor& annotator_features,
                                          const ReplicaPairBatch& batch, torch::Generator& dropout_generator) {
  const int64_t replicas = batch.instance.size(0);
  const int64_t rows = batch.instance.size(1);
  const RowMask mask = row_mask(batch.pairs, rows);
  const torch::Tensor lambda = batch.lambda.unsqueeze(-1);
  const auto gather = [&](const torch::Tensor& table, const torch::Tensor& index) {
    return table.index_select(0, index.flatten()).view({replicas, rows, table.size(1)});
  };
  const auto mix = [&](const torch::Tensor& own, const torch::Tensor& partner) {
    return lambda * own + (1 - lambda) * partner;
  };
  const torch::Tensor x = mix(gather(features, batch.instance), gather(features, batch.partner_instance));
  const torch::Tensor a =
      mix(gather(annotator_features, batch.annotator), gather(annotator_features, batch.partner_annotator));

  const torch::Tensor h = gt_.embed(x, &mask, true, dropout_generator);
  const torch::Tensor class_log_probs = torch::log_softmax(gt_.classify(h), -1);
  // The AP branch must not train the GT embedding (reference: x_learned.detach()).
  torch::Tensor embedding = torch::cat({apply(ap_embed_x_, h.detach()), apply(ap_embed_a_, a)}, -1);
  if (ap_hidden_layer_) {
    embedding = inverted_dropout(embedding, ap_dropout_, true, dropout_generator);
    embedding = torch::relu(apply(ap_norm_, apply(ap_hidden_, embedding), &mask, true));
  }
  // As annot_mix_mixed_loss: the mixed target has mass lambda on the own label and 1 - lambda on the
  // partner's (padding rows carry label 0 and are masked out).
  const torch::Tensor log_probs = labelled_annotation_log_probs(
      class_log_probs, apply(ap_output_, embedding).view({replicas, rows, num_classes_, num_classes_}),
      torch::stack({batch.label, batch.partner_label}, -1));
  const torch::Tensor per_pair =
      (torch::stack({batch.lambda, 1 - batch.lambda}, -1) * log_probs).sum(-1, true) * mask.weights;
  return -per_pair.sum({1, 2}) / mask.count.view({replicas});
}

namespace {

ReplicaPairBatch draw_batch(const std::vector<const std::vector<int64_t>*>& batches,
                            const AnnotationMatrix& annotations, double alpha, bool mix_only_annotators,
                            std::vector<torch::Generator>& generators, const torch::Device& device) {
  const int64_t replicas = static_cast<int64_t>(batches.size());
  std::vector<HostLabelledPairs> pairs;
  int64_t rows = 1;
  for (const auto* batch : batches) {
    pairs.push_back(host_labelled_pairs(*batch, annotations));
    rows = std::max<int64_t>(rows, static_cast<int64_t>(pairs.back().label.size()));
  }
  // Six index rows and the lambdas in two host tensors: two copies to the device per step.
  torch::Tensor indices = torch::zeros({6, replicas, rows}, torch::kInt64);
  torch::Tensor lambda = torch::ones({replicas, rows}, torch::kFloat32);
  torch::Tensor counts = torch::empty({replicas}, torch::kInt64);
  auto index = indices.accessor<int64_t, 3>();
  for (int64_t r = 0; r < replicas; ++r) {
    const HostLabelledPairs& own = pairs[static_cast<std::size_t>(r)];
    const std::vector<int64_t>& batch_rows = *batches[static_cast<std::size_t>(r)];
    const int64_t count = static_cast<int64_t>(own.label.size());
    counts[r] = count;
    if (count == 0) continue;
    torch::Generator& generator = generators[static_cast<std::size_t>(r)];
    // The draws in the single-run order: lambdas first, then the permutation.
    lambda[r].narrow(0, 0, count).copy_(sample_beta(count, alpha, generator));
    const torch::Tensor permutation =
        mix_only_annotators
            ? permutation_within_groups(torch::tensor(own.position, torch::kInt64), generator)
            : torch::randperm(count, generator, torch::kInt64);
    const int64_t* partner = permutation.data_ptr<int64_t>();
    for (int64_t i = 0; i < count; ++i) {
      const auto own_i = static_cast<std::size_t>(i), other = static_cast<std::size_t>(partner[i]);
      index[0][r][i] = batch_rows[static_cast<std::size_t>(own.position[own_i])];
      index[1][r][i] = batch_rows[static_cast<std::size_t>(own.position[other])];
      index[2][r][i] = own.annotator[own_i];
      index[3][r][i] = own.annotator[other];
      index[4][r][i] = own.label[own_i];
      index[5][r][i] = own.label[other];
    }
  }
  indices = to_device_without_waiting(indices, device);
  lambda = to_device_without_waiting(lambda, device);
  counts = to_device_without_waiting(counts, device);
  return {indices[0], indices[1], indices[2], indices[3], indices[4], indices[5], lambda, counts};
}

}  // namespace

void train_annot_mix_replicas(std::vector<AnnotMixNetwork>& networks, const torch::Tensor& features,
                              const AnnotationMatrix& annotations, const torch::Tensor& annotator_features,
                              const TrainingSettings& settings, const std::vector<std::uint64_t>& seeds,
                              double alpha, bool mix_only_annotators) {
  if (networks.size() != seeds.size() || networks.empty())
    throw ConfigError("annot-mix replicas: one network per seed is needed");
  if (alpha <= 0) throw ConfigError("annot-mix replicas: batched training needs mixup (alpha > 0)");
  if (settings.batch_size <= 0) throw ConfigError("batch size must be positive");
  const torch::Device device = parse_device(settings.device);
  StackedAnnotMix stacked(networks, device);
  std::vector<torch::Tensor*> slots = stacked.parameter_slots();
  FlatParameters parameters(slots, device);
  RAdam optimizer({parameters.values()}, RAdamOptions(settings.learning_rate).weight_decay(settings.weight_decay));

  std::vector<Rng> batch_orders;
  std::vector<torch::Generator> mixup_generators;
  std::string seed_list;
  for (const std::uint64_t seed : seeds) {
    // The purposes the single-run code uses, so replica r shuffles as run seeds[r] does.
    batch_orders.emplace_back(derive_seed(seed, "batches"));
    mixup_generators.push_back(at::detail::createCPUGenerator(derive_seed(seed, "annot-mix mixup")));
    seed_list += std::to_string(seed) + " ";
  }
  torch::Generator dropout_generator =
      device.is_cpu() ? at::detail::createCPUGenerator(derive_seed(seeds.front(), "annot-mix dropout " + seed_list))
                      : at::globalContext().defaultGenerator(device).clone();  // not the shared one: --jobs
  if (!device.is_cpu()) dropout_generator.set_current_seed(derive_seed(seeds.front(), "annot-mix dropout " + seed_list));

  const auto start = std::chrono::steady_clock::now();
  const std::size_t num_instances = annotations.rows;
  const auto replicas = static_cast<double>(seeds.size());
  for (int epoch = 0; epoch < settings.epochs; ++epoch) {
    optimizer.param_groups().front().options().set_lr(cosine_annealed_lr(settings.learning_rate, epoch, settings.epochs));
    std::vector<std::vector<std::vector<int64_t>>> orders;
    for (Rng& rng : batch_orders)
      orders.push_back(shuffled_batches(num_instances, static_cast<std::size_t>(settings.batch_size), false, rng));
    torch::Tensor loss_sum = torch::zeros({}, torch::TensorOptions().device(device));
    const std::size_t steps = orders.front().size();
    for (std::size_t step = 0; step < steps; ++step) {
      std::vector<const std::vector<int64_t>*> batches;
      for (const auto& order : orders) batches.push_back(&order[step]);
      const ReplicaPairBatch batch = draw_batch(batches, annotations, alpha, mix_only_annotators, mixup_generators, device);
      parameters.zero_grad();
      const torch::Tensor loss = stacked.mixed_loss(features, annotator_features, batch, dropout_generator).sum();
      loss.backward();
      optimizer.step();
      loss_sum += loss.detach();
    }
    // The replicas' mean loss: loss_sum adds the R replicas' losses of every step.
    report_epoch(settings, epoch, loss_sum, replicas * static_cast<double>(steps), start);
  }
  for (std::size_t r = 0; r < networks.size(); ++r) stacked.copy_replica_to(static_cast<int64_t>(r), *networks[r]);
}

}  // namespace annotbench
