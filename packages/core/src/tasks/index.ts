export {
  TasksApi,
  listTasksQueryEntries,
  TASK_STATUSES,
  TASK_TYPES,
  TASK_SORT_KEYS,
  type TaskType,
  type TaskSortKey,
  type ImportTaskInput,
  type ExportTaskInput,
  type CreateTaskInput,
  type ListTasksQuery,
  type TaskPage,
} from "./tasks-api.js";
export { TaskFailedError, parseTaskErrorCode, assertTaskSucceeded } from "./task-errors.js";
