/** The engine's public surface: the pure core, the program, the shell, handlers. */
export { compileProgram, type Instruction, type Program } from './program.js';
export { E_FAIL, initialState, makeContext, next, nextOwned, successCodesOf, type EngineContext, type EngineEffect, type EngineEvent, type EngineState, type Environment, type StepRecord, type StepStatus, type Transition } from './core.js';
export { runSequence, traceOf, type JournalRecord, type JournalSink, type LogSink, type Progress, type RunOptions, type RunResult, type RunTrace } from './runner.js';
export { prepareStep, type PreparedStep } from './step-input.js';
export { loadHandlerPlugin, realHandlers, simulationHandlers, outcomeFor, type ActionHandler, type HandlerInput, type HandlerResult, type HandlerTable, type Outcomes } from './handlers/index.js';
