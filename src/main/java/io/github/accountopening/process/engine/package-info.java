/** The engine's plumbing, which is no step of the model: its metrics, the orphan watch, history time to live, quiet logs for callers' mistakes, and the hand-over of jobs at shutdown. */
@NullMarked
package io.github.accountopening.process.engine;

import org.jspecify.annotations.NullMarked;
