/** The engine's plumbing, which is no step of the model: its metrics, the orphan watch, history time to live, quiet logs for callers' mistakes, and the hand-over of jobs at shutdown. */
package io.github.accountopening.process.engine;
