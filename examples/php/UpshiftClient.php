<?php
/**
 * A small Upshift API client in plain PHP 8 (no Composer, no curl extension: PHP's own HTTP streams), as a WHMCS hook
 * or a Blesta plugin would carry it. One instance per token: the storefront (client area) and the gateway (payment
 * callbacks) hold different tokens with different roles (docs/SECURITY.md).
 */

declare(strict_types=1);

/** An error answer of the API: `{"error": {"code", "message", "details"?}}` (docs/API.md). */
final class UpshiftApiError extends RuntimeException
{
    /** @param list<array{field: string, message: string}> $details */
    public function __construct(
        public readonly int $httpStatus,
        public readonly string $errorCode,
        string $message,
        public readonly array $details = [],
    ) {
        parent::__construct("HTTP {$httpStatus} {$errorCode}: {$message}");
    }
}

final class UpshiftClient
{
    /**
     * @param string $baseUrl    e.g. https://upshift.internal:3000 (no trailing slash needed)
     * @param string $token      a bearer token from API_TOKENS (storefront, gateway or staff)
     * @param float  $timeoutSec per request, connect included
     * @param int    $attempts   tries for a request that got no answer or a 5xx; POSTs are only retried when they carry
     *                           an Idempotency-Key, so a retry can never place a second order or record a second payment
     */
    public function __construct(
        private readonly string $baseUrl,
        #[\SensitiveParameter] private readonly string $token,
        private readonly float $timeoutSec = 10.0,
        private readonly int $attempts = 3,
    ) {
    }

    /** GET a resource, e.g. `/v1/upgrades/42`. */
    public function get(string $path): array
    {
        return $this->request('GET', $path)['body'];
    }

    /**
     * POST a JSON body. With `$idempotencyKey`, sending the same request again (a retry after a timeout, a hook that
     * fires twice) returns the first answer instead of doing it twice; `replayed` tells which one you got.
     *
     * @return array{status: int, body: array, replayed: bool}
     */
    public function post(string $path, array $body, ?string $idempotencyKey = null): array
    {
        return $this->request('POST', $path, $body, $idempotencyKey);
    }

    /** @return array{status: int, body: array, replayed: bool} */
    private function request(string $method, string $path, ?array $body = null, ?string $idempotencyKey = null): array
    {
        $headers = ['Authorization: Bearer ' . $this->token, 'Accept: application/json', 'Connection: close'];
        if ($body !== null) {
            $headers[] = 'Content-Type: application/json';
        }
        if ($idempotencyKey !== null) {
            $headers[] = 'Idempotency-Key: ' . $idempotencyKey;
        }
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => implode("\r\n", $headers),
            'content' => $body === null ? '' : json_encode($body, JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES),
            'timeout' => $this->timeoutSec,
            'ignore_errors' => true, // read 4xx/5xx bodies too: they carry the error code and message
            'protocol_version' => 1.1,
            'follow_location' => 0,
        ]]);
        $retryable = $method === 'GET' || $idempotencyKey !== null;
        $url = rtrim($this->baseUrl, '/') . $path;
        for ($attempt = 1; ; $attempt++) {
            $http_response_header = null;
            $raw = @file_get_contents($url, false, $context);
            $status = self::statusOf($http_response_header ?? []);
            $failed = $raw === false || $status === 0 || $status >= 500;
            if ($failed && $retryable && $attempt < $this->attempts) {
                usleep(200_000 * $attempt); // the same key again: a 5xx released it, a lost answer is replayed
                continue;
            }
            if ($raw === false || $status === 0) {
                throw new RuntimeException("{$method} {$path}: no answer from Upshift (" . (error_get_last()['message'] ?? 'network error') . ')');
            }
            $decoded = $raw === '' ? [] : json_decode($raw, true);
            if (!is_array($decoded)) {
                throw new RuntimeException("{$method} {$path}: HTTP {$status} with a body that is not JSON");
            }
            if ($status >= 400) {
                $error = $decoded['error'] ?? [];
                throw new UpshiftApiError($status, (string) ($error['code'] ?? 'unknown'), (string) ($error['message'] ?? $raw), $error['details'] ?? []);
            }
            $replayed = false;
            foreach ($http_response_header as $line) {
                $replayed = $replayed || stripos($line, 'Idempotent-Replayed: true') === 0;
            }
            return ['status' => $status, 'body' => $decoded, 'replayed' => $replayed];
        }
    }

    /** The status of the last response in `$http_response_header` (redirects would add earlier ones). */
    private static function statusOf(array $responseHeaders): int
    {
        $status = 0;
        foreach ($responseHeaders as $line) {
            if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $m) === 1) {
                $status = (int) $m[1];
            }
        }
        return $status;
    }
}
