/** NexusBank client: account opening requests, status polls and the legacy synchronous call. */
@NullMarked
package io.github.accountopening.provider;

import org.jspecify.annotations.NullMarked;
