/**
 * The {@code /v1} API's bodies as records, shared by broker-api (which writes them) and the Java SDK (which reads
 * them); {@code openapi.json} beside them describes the same bodies for every other client. Timestamps are ISO-8601
 * instants; absent values are {@code null}, never left out.
 */
package io.authpipe.api.model;
