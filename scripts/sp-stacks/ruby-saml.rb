# ruby-saml oracle for scripts/sp-stacks/harness.py (Debian's ruby-saml package): reads
# [{xml, cert, sp, acs, idp, now, request_id, sp_key}] as JSON on stdin, runs
# OneLogin::RubySaml::Response#is_valid? with the library's defaults and the case's certificate,
# entity IDs, ACS and request ID, the clock pinned to the case's time; prints [{accepts, error}].
require "json"
require "base64"
require "time"
require "onelogin/ruby-saml"

$frozen = Time.now
class << Time
  alias_method :real_now, :now
  def now
    $frozen
  end
end

cases = JSON.parse($stdin.read)
out = cases.map do |c|
  $frozen = Time.parse(c["now"]).utc
  begin
    settings = OneLogin::RubySaml::Settings.new
    settings.assertion_consumer_service_url = c["acs"]
    settings.sp_entity_id = c["sp"]
    settings.idp_entity_id = c["idp"]
    settings.idp_cert = c["cert"]
    settings.private_key = c["sp_key"] if c["sp_key"]
    opts = { settings: settings }
    opts[:matches_request_id] = c["request_id"] if c["request_id"]
    response = OneLogin::RubySaml::Response.new(Base64.strict_encode64(c["xml"]), opts)
    if response.is_valid?
      { accepts: true }
    else
      { accepts: false, error: response.errors.first.to_s }
    end
  rescue StandardError => e
    { accepts: false, error: "#{e.class}: #{e.message}" }
  end
end
puts JSON.generate(out)
