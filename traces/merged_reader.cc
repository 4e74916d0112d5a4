#include "traces/merged_reader.h"

#include <algorithm>

namespace drydock::traces {

MergedReader::MergedReader(std::vector<std::unique_ptr<TraceReader>> inputs)
    : inputs_(std::move(inputs)), head_(inputs_.size()), has_head_(inputs_.size(), false) {}

bool MergedReader::read(TraceEvent& out) {
  if (!started_) {
    for (std::size_t i = 0; i < inputs_.size(); ++i) has_head_[i] = inputs_[i]->next(head_[i]);
    started_ = true;
  }
  // A linear scan: merged traces have two to six inputs, where a heap would only add overhead.
  std::size_t best = inputs_.size();
  for (std::size_t i = 0; i < inputs_.size(); ++i)
    if (has_head_[i] && (best == inputs_.size() || head_[i].time < head_[best].time)) best = i;
  if (best == inputs_.size()) return false;
  out = head_[best];
  out.source = static_cast<std::uint32_t>(best);
  has_head_[best] = inputs_[best]->next(head_[best]);
  return true;
}

ParseStats MergedReader::stats() const {
  ParseStats s;
  for (const auto& in : inputs_) s.add(in->stats());
  return s;
}

SortingReader::SortingReader(std::unique_ptr<TraceReader> input) : input_(std::move(input)) {}

bool SortingReader::read(TraceEvent& out) {
  if (!loaded_) {
    TraceEvent ev;
    while (input_->next(ev)) events_.push_back(ev);
    std::stable_sort(events_.begin(), events_.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.time < b.time; });
    loaded_ = true;
  }
  if (pos_ >= events_.size()) return false;
  out = events_[pos_++];
  return true;
}

ParseStats SortingReader::stats() const {
  ParseStats s = input_->stats();
  s.out_of_order = own_.out_of_order;  // the input's disorder is what this reader repaired
  return s;
}

}  // namespace drydock::traces
