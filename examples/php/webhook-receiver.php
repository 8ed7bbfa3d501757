<?php
/**
 * An Upshift webhook endpoint in plain PHP 8 (hash_hmac, base64, hash_equals; no library), as the billing front-end
 * would host it, e.g. public/upshift-webhook.php. It verifies the Standard Webhooks signature (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`), rejects old timestamps, skips deliveries it has already handled, and
 * answers quickly. It also shows the older `Upshift-Signature` check, which Upshift still sends.
 *
 * Environment:
 *   UPSHIFT_WEBHOOK_SECRET  Upshift's WEBHOOK_SECRET, exactly as configured there (a whsec_… value or an older plain one)
 *   UPSHIFT_WEBHOOK_LOG     file that records handled deliveries, one JSON line each (stands in for your database)
 *
 * Try it: php -S 127.0.0.1:8099 webhook-receiver.php, and set WEBHOOK_URLS=http://127.0.0.1:8099/upshift-webhook
 */

declare(strict_types=1);

const TOLERANCE_SECONDS = 300;

/**
 * The HMAC key of `webhook-signature` for Upshift's WEBHOOK_SECRET (docs/WEBHOOKS.md, "Secrets"): a whsec_ secret is
 * base64 of 24-64 bytes, and the key is those bytes; any other secret is used as its own bytes.
 */
function standard_webhook_key(#[\SensitiveParameter] string $secret): string
{
    if (str_starts_with($secret, 'whsec_')) {
        $bytes = base64_decode(substr($secret, 6), true);
        if ($bytes !== false && strlen($bytes) >= 24 && strlen($bytes) <= 64 && base64_encode($bytes) === substr($secret, 6)) {
            return $bytes;
        }
    }
    return $secret;
}

/**
 * Standard Webhooks: HMAC-SHA256 of "<webhook-id>.<webhook-timestamp>.<raw body>", base64, compared in constant time
 * with every space-separated "v1,<base64>" entry. Returns null when genuine, else why not.
 */
function standard_webhook_problem(#[\SensitiveParameter] string $secret, string $rawBody, ?string $id, ?string $timestamp, ?string $signatures): ?string
{
    if ($id === null || $id === '' || $timestamp === null || $signatures === null) {
        return 'missing webhook-id, webhook-timestamp or webhook-signature';
    }
    if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > TOLERANCE_SECONDS) {
        return 'webhook-timestamp is not within ' . TOLERANCE_SECONDS . ' s of now';
    }
    $expected = base64_encode(hash_hmac('sha256', "{$id}.{$timestamp}.{$rawBody}", standard_webhook_key($secret), true));
    $valid = false;
    foreach (explode(' ', $signatures) as $entry) {
        [$version, $mac] = array_pad(explode(',', $entry, 2), 2, '');
        $valid = ($version === 'v1' && hash_equals($expected, $mac)) || $valid; // no early exit
    }
    return $valid ? null : 'no webhook-signature entry matches';
}

/** The older header, `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, keyed with the secret as written. */
function upshift_signature_valid(#[\SensitiveParameter] string $secret, string $rawBody, ?string $header): bool
{
    if ($header === null || preg_match('/^t=(\d+)((?:,v1=[0-9a-f]{64})+)$/', $header, $m) !== 1 || abs(time() - (int) $m[1]) > TOLERANCE_SECONDS) {
        return false;
    }
    $expected = hash_hmac('sha256', "{$m[1]}.{$rawBody}", $secret);
    preg_match_all('/v1=([0-9a-f]{64})/', $m[2], $candidates);
    $valid = false;
    foreach ($candidates[1] as $candidate) {
        $valid = hash_equals($expected, $candidate) || $valid; // no early exit
    }
    return $valid;
}

/** Appends one JSON line to the log under a lock, so parallel requests do not interleave. */
function record(string $logFile, array $entry): void
{
    file_put_contents($logFile, json_encode($entry, JSON_UNESCAPED_SLASHES) . "\n", FILE_APPEND | LOCK_EX);
}

/** Whether a delivery id was handled before (delivery is at-least-once: a retry after a lost 2xx comes again). */
function already_handled(string $logFile, string $id): bool
{
    if (!is_file($logFile)) {
        return false;
    }
    foreach (file($logFile, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) as $line) {
        $entry = json_decode($line, true);
        if (($entry['accepted'] ?? false) === true && ($entry['id'] ?? null) === $id) {
            return true;
        }
    }
    return false;
}

$secret = getenv('UPSHIFT_WEBHOOK_SECRET') ?: '';
$logFile = getenv('UPSHIFT_WEBHOOK_LOG') ?: sys_get_temp_dir() . '/upshift-webhooks.log';
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    http_response_code(405);
    exit;
}
if ($secret === '') {
    http_response_code(500); // not configured: Upshift retries later
    exit;
}
$rawBody = file_get_contents('php://input'); // verify these exact bytes, before any JSON parsing
$id = $_SERVER['HTTP_WEBHOOK_ID'] ?? null;
$problem = standard_webhook_problem($secret, $rawBody, $id, $_SERVER['HTTP_WEBHOOK_TIMESTAMP'] ?? null, $_SERVER['HTTP_WEBHOOK_SIGNATURE'] ?? null);
if ($problem !== null) {
    record($logFile, ['accepted' => false, 'id' => $id, 'reason' => $problem]);
    error_log("upshift webhook rejected: {$problem}");
    http_response_code(400); // a permanent refusal: Upshift does not retry it
    exit;
}
$event = json_decode($rawBody, true);
if (!is_array($event) || !isset($event['type'], $event['data'])) {
    http_response_code(400);
    exit;
}
if (!already_handled($logFile, $id)) {
    record($logFile, [
        'accepted' => true, 'id' => $id, 'type' => $event['type'], 'data' => $event['data'],
        'upshiftSignature' => upshift_signature_valid($secret, $rawBody, $_SERVER['HTTP_UPSHIFT_SIGNATURE'] ?? null),
    ]);
    // Your work goes here, or in a queue: answer within 10 s. For example:
    // switch ($event['type']) { case 'upgrade.completed': …; case 'payment.credited': …; }
}
http_response_code(204);
