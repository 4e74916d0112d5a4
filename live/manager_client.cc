#include "live/manager_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>
#include <stdexcept>

namespace drydock::live {
namespace {
size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}
}  // namespace

ManagerClient::ManagerClient(std::string base, std::string token, long timeout_ms, std::string ca_file)
    : base_(std::move(base)), token_(std::move(token)), timeout_ms_(timeout_ms), ca_file_(std::move(ca_file)) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  while (!base_.empty() && base_.back() == '/') base_.pop_back();
}

ManagerClient::Reply ManagerClient::call(const std::string& method, const std::string& path,
                                         const std::string& body) const {
  std::unique_ptr<CURL, void (*)(CURL*)> c(curl_easy_init(), curl_easy_cleanup);
  Reply reply;
  const std::string url = base_ + path;
  curl_easy_setopt(c.get(), CURLOPT_URL, url.c_str());
  curl_easy_setopt(c.get(), CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c.get(), CURLOPT_CUSTOMREQUEST, method.c_str());
  curl_easy_setopt(c.get(), CURLOPT_CONNECTTIMEOUT_MS, 2000L);
  curl_easy_setopt(c.get(), CURLOPT_TIMEOUT_MS, timeout_ms_);
  if (!ca_file_.empty()) curl_easy_setopt(c.get(), CURLOPT_CAINFO, ca_file_.c_str());
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  if (!token_.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token_).c_str());
  curl_easy_setopt(c.get(), CURLOPT_HTTPHEADER, headers);
  if (!body.empty() || method == "POST") {
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c.get(), CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
  }
  curl_easy_setopt(c.get(), CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c.get(), CURLOPT_WRITEDATA, &reply.body);
  const CURLcode rc = curl_easy_perform(c.get());
  curl_slist_free_all(headers);
  if (rc != CURLE_OK)
    throw std::runtime_error("no drydock manager answers at " + base_ + " (" + curl_easy_strerror(rc) +
                             "); start one with `drydock manager --hosts hosts.yaml` or set --manager");
  curl_easy_getinfo(c.get(), CURLINFO_RESPONSE_CODE, &reply.status);
  return reply;
}

}  // namespace drydock::live
