-- The environment EVAL scripts and FCALL functions run in, built once per interpreter (chunk "=sandbox"), after the
-- base, table, string, math, coroutine and debug libraries were opened. It receives the interpreter's C# primitives and
-- returns the read-only globals to install, the function that runs one script, and the table holding the real globals
-- (where KEYS and ARGV are set for each run). An interpreter for functions (raw.functions) gets the libraries'
-- environment instead of the globals, the function that runs one function, and those that load a library's code.
--
-- C# primitives never raise Lua errors (a longjmp must not cross managed frames): library ones return true and their
-- results, or false and a message, and the wrappers below raise; redis.call's returns the reply and whether it is an
-- error table to raise.
local raw = ...
local G = _G

local type, select, next, pairs, tonumber = type, select, next, pairs, tonumber
local rawget, rawequal = rawget, rawequal
local tostring_real, error_real, pcall_real, xpcall_real = tostring, error, pcall, xpcall
local setmetatable_real, getmetatable_real, rawset_real, load_real = setmetatable, getmetatable, rawset, load
local floor, ceil, huge, abs, log, exp = math.floor, math.ceil, math.huge, math.abs, math.log, math.exp
local concat, unpack = table.concat, table.unpack
local format_real, find, sub, match = string.format, string.find, string.sub, string.match
local coroutine_running, coroutine_yield = coroutine.running, coroutine.yield
local getinfo = debug.getinfo
local num2str, error_table = raw.num2str, raw.error_table

-- ---- Raising errors ----------------------------------------------------------------------------------------------

-- Tail-called by the library wrappers: level 2 is then the script line that called the library function.
local function check(ok, ...)
  if ok then return ... end
  error_real((...), 2)
end

local function checked(primitive)
  return function(...) return check(primitive(...)) end
end

-- Redis's luaPushError + luaError: a {err=...} table, which carries no position.
local function raise(message)
  error_real(error_table(message))
end

local function trunc(n)
  if n >= 0 then return floor(n) end
  return ceil(n)
end

-- ---- Lua 5.1 as Redis ships it ------------------------------------------------------------------------------------

-- Numbers print as 5.1 printed them ("%.14g": 3.0 is "3").
local function tostring51(v)
  if type(v) == 'number' then return num2str(v) end
  return tostring_real(v)
end

-- 5.1's error() positions number messages too.
local function error51(message, level)
  level = tonumber(level) or 1
  if type(message) == 'number' then message = num2str(message) end
  if level > 0 then level = level + 1 end
  error_real(message, level)
end

-- Redis's pcall hands back the text of a {err=...} error rather than the table.
local function pcall_result(ok, ...)
  if ok then return true, ... end
  local e = ...
  if type(e) == 'table' then
    local text = e.err
    if type(text) == 'string' or type(text) == 'number' then return false, text end
  end
  return false, e
end

local function pcall51(f, ...)
  return pcall_result(pcall_real(f, ...))
end

-- Text chunks only: a crafted binary chunk can crash the VM.
local function load51(chunk, name, mode, env)
  if env == nil then return load_real(chunk, name, 't') end
  return load_real(chunk, name, 't', env)
end

-- 5.1's string.format truncated floats for integer conversions and printed them 5.1-style for %s.
local function format51(fmt, ...)
  local n = select('#', ...)
  if n == 0 or type(fmt) ~= 'string' then return format_real(fmt, ...) end
  local args = {...}
  local i, pos = 0, 1
  while true do
    local at = find(fmt, '%', pos, true)
    if not at then break end
    if sub(fmt, at + 1, at + 1) == '%' then
      pos = at + 2
    else
      local spec, conversion = match(fmt, '^[-+ #0]*%d*%.?%d*()(%a)', at + 1)
      if not spec then break end
      i = i + 1
      local v = args[i]
      if type(v) == 'number' then
        if find('dicouxX', conversion, 1, true) then
          if v == v and v ~= huge and v ~= -huge then args[i] = trunc(v) end
        elseif conversion == 's' then
          args[i] = num2str(v)
        end
      end
      pos = spec + 1
    end
  end
  return format_real(fmt, unpack(args, 1, n))
end

local function frexp(x)
  if x == 0 or x ~= x or x == huge or x == -huge then return x, 0 end
  local e = floor(log(abs(x), 2)) + 1
  local m = x / 2.0 ^ e
  if abs(m) >= 1 then m, e = m / 2, e + 1 elseif abs(m) < 0.5 then m, e = m * 2, e - 1 end
  return m, e
end

G.unpack = unpack
G.loadstring = load51
G.load = load51
G.tostring = tostring51
G.error = error51
G.pcall = pcall51
G.gcinfo = function() return floor(G.collectgarbage('count')) end

table.getn = function(t) return #t end
table.maxn = function(t)
  local max = 0
  for k in pairs(t) do
    if type(k) == 'number' and k > max then max = k end
  end
  return max
end
table.foreach = function(t, f)
  for k, v in pairs(t) do
    local r = f(k, v)
    if r ~= nil then return r end
  end
end
table.foreachi = function(t, f)
  for i = 1, #t do
    local r = f(i, t[i])
    if r ~= nil then return r end
  end
end

math.mod = math.fmod
math.pow = function(x, y) return x ^ y end
math.log10 = function(x) return log(x, 10) end
math.ldexp = function(m, e) return m * 2.0 ^ e end
math.frexp = frexp
math.atan2 = math.atan
math.cosh = function(x) return (exp(x) + exp(-x)) / 2 end
math.sinh = function(x) return (exp(x) - exp(-x)) / 2 end
math.tanh = function(x)
  local a, b = exp(x), exp(-x)
  return (a - b) / (a + b)
end
math.random = checked(raw.random)
math.randomseed = checked(raw.randomseed)

string.gfind = string.gmatch
string.format = format51

-- A script yielding outside any coroutine of its own is an error, as in 5.1 (the interpreter runs each script in a
-- coroutine, so 5.4 would let the yield through).
local script_thread
coroutine.yield = function(...)
  if rawequal(coroutine_running(), script_thread) then error_real('attempt to yield from outside a coroutine', 2) end
  return coroutine_yield(...)
end

-- ---- The redis library -------------------------------------------------------------------------------------------

local call = raw.call
local redis = {}

function redis.call(...)
  local reply, failed = call(...)
  if failed then error_real(reply) end
  return reply
end

function redis.pcall(...)
  return (call(...))
end

function redis.sha1hex(...)
  if select('#', ...) ~= 1 then raise('wrong number of arguments') end
  return raw.sha1hex((...))
end

function redis.error_reply(...)
  local e = ...
  if select('#', ...) ~= 1 or type(e) ~= 'string' then return error_table('wrong number or type of arguments') end
  if sub(e, 1, 1) ~= '-' then e = '-' .. e end
  return error_table(e)
end

function redis.status_reply(...)
  local s = ...
  if select('#', ...) ~= 1 or type(s) ~= 'string' then return error_table('wrong number or type of arguments') end
  return {ok = s}
end

function redis.log(...)
  local argc = select('#', ...)
  if argc < 2 then raise('redis.log() requires two arguments or more.') end
  local level = tonumber((...))
  if level == nil then raise('First argument must be a number (log level).') end
  level = trunc(level)
  if level < 0 or level > 3 then raise('Invalid debug level.') end
  local parts, n = {}, 0
  for j = 2, argc do
    local v = select(j, ...)
    local t = type(v)
    if t == 'string' or t == 'number' then
      n = n + 1
      parts[n] = (j ~= 2 and ' ' or '') .. tostring51(v)
    end
  end
  raw.log(level, concat(parts))
end

function redis.setresp(...)
  if select('#', ...) ~= 1 then raise('redis.setresp() requires one argument.') end
  local resp = trunc(tonumber((...)) or 0)
  if resp ~= 2 and resp ~= 3 then raise('RESP version must be 2 or 3.') end
  raw.setresp(resp)
end

-- Scripts are always replicated by their effects; the flags are only checked, as Redis checks them.
function redis.set_repl(...)
  if select('#', ...) ~= 1 then raise('redis.set_repl() requires two arguments.') end
  local flags = trunc(tonumber((...)) or 0)
  if flags < 0 or flags > 3 then raise('Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.') end
end

function redis.replicate_commands() return true end
function redis.breakpoint() return false end
function redis.debug() end

function redis.acl_check_cmd(...)
  local allowed, failed = raw.acl_check_cmd(...)
  if failed then error_real(allowed) end
  return allowed
end

redis.REPL_NONE, redis.REPL_AOF, redis.REPL_SLAVE, redis.REPL_REPLICA, redis.REPL_ALL = 0, 1, 2, 2, 3
redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING = 0, 1, 2, 3
redis.REDIS_VERSION, redis.REDIS_VERSION_NUM = raw.version, raw.version_num

-- ---- cjson, cmsgpack, bit, struct ---------------------------------------------------------------------------------

local cjson = {
  encode = checked(raw.cjson_encode),
  decode = checked(raw.cjson_decode),
  null = raw.null,
  _NAME = 'cjson',
  _VERSION = '2.1.0',
}
for _, option in ipairs({'encode_sparse_array', 'encode_max_depth', 'decode_max_depth', 'encode_number_precision',
  'encode_keep_buffer', 'encode_invalid_numbers', 'decode_invalid_numbers'}) do
  local set = raw.cjson_option
  cjson[option] = function(...) return check(set(option, ...)) end
end

local cmsgpack = {
  pack = checked(raw.msgpack_pack),
  unpack = checked(raw.msgpack_unpack),
  unpack_one = checked(raw.msgpack_unpack_one),
  unpack_limit = checked(raw.msgpack_unpack_limit),
  _NAME = 'cmsgpack',
  _VERSION = 'lua-cmsgpack 0.4.0',
  _COPYRIGHT = 'Copyright (C) 2012, Salvatore Sanfilippo',
  _DESCRIPTION = 'MessagePack C implementation for Lua',
}

local bit = {}
for name, primitive in pairs(raw.bit) do bit[name] = checked(primitive) end

local struct = {
  pack = checked(raw.struct_pack),
  unpack = checked(raw.struct_unpack),
  size = checked(raw.struct_size),
}

-- ---- Read-only globals ----------------------------------------------------------------------------------------------

local protected = setmetatable_real({}, {__mode = 'k'})

local function readonly()
  error_real('Attempt to modify a readonly table', 2)
end

-- Scripts see libraries through empty proxies: reads pass through, writes fail as on Redis's read-only tables. The
-- real table never reaches a script (pairs iterates with a closure, getmetatable answers false).
-- What getmetatable answers for a protected table: a read-only table, never the metatable itself.
local hidden_metatable = setmetatable_real({}, {__newindex = readonly, __metatable = false})
protected[hidden_metatable] = true

local function protect(real)
  local proxy = {}
  setmetatable_real(proxy, {
    __index = real,
    __newindex = readonly,
    __pairs = function() return function(_, k) return next(real, k) end, proxy, nil end,
    __len = function() return #real end,
    __metatable = hidden_metatable,
  })
  protected[proxy] = true
  return proxy
end

G.rawset = function(t, k, v)
  if protected[t] then error_real('Attempt to modify a readonly table', 0) end
  return rawset_real(t, k, v)
end
G.setmetatable = function(t, mt)
  if protected[t] then error_real('Attempt to modify a readonly table', 0) end
  return setmetatable_real(t, mt)
end

local string_proxy = protect(string)
getmetatable_real('').__index = string_proxy
getmetatable_real('').__metatable = protect({__index = string_proxy})

G.string = string_proxy
G.table = protect(table)
G.math = protect(math)
G.coroutine = protect(coroutine)
G.redis = protect(redis)
G.cjson = protect(cjson)
G.cmsgpack = protect(cmsgpack)
G.bit = protect(bit)
G.struct = protect(struct)

-- Not in Redis's sandbox.
G.print, G.dofile, G.loadfile, G.require, G.warn, G.debug, G.utf8 = nil, nil, nil, nil, nil, nil, nil

setmetatable_real(G, {
  __index = function(_, name)
    error_real("Script attempted to access nonexistent global variable '" .. tostring_real(name) .. "'", 2)
  end,
})
local globals = protect(G)
G._G = globals

-- ---- Running a script -----------------------------------------------------------------------------------------------

-- Redis's __redis__err__handler: a table error with the script line it came from (the first frame that is neither C
-- nor this sandbox).
local function handler(e)
  local level = 2
  local info = getinfo(level, 'Sl')
  while info and (info.what == 'C' or info.source == '=sandbox') do
    level = level + 1
    info = getinfo(level, 'Sl')
  end
  if type(e) ~= 'table' then e = {err = 'ERR ' .. tostring51(e)} end
  if info then
    rawset_real(e, 'source', info.source)
    rawset_real(e, 'line', info.currentline)
  end
  return e
end

-- The body of the coroutine a script runs in: the script's single result, or its error table.
local function run(script)
  script_thread = coroutine_running()
  local ok, result = xpcall_real(script, handler)
  return ok, result
end

if not raw.functions then return globals, run, G end

-- ---- Function libraries (FUNCTION LOAD, FCALL) ------------------------------------------------------------------

-- Functions have no debugger and never replicate verbatim: Redis's function engine leaves these out.
redis.breakpoint, redis.debug, redis.replicate_commands = nil, nil, nil

-- A library's code runs once, at FUNCTION LOAD, with nothing in reach but redis.register_function, redis.log and the
-- version and log-level constants; any other name raises, as Redis's load-time globals do. Its functions run later
-- with the globals scripts see (without KEYS and ARGV: keys and args are their arguments). The library's chunk, and so
-- every function it defines, reads its globals through one environment table, which looks names up in the load API
-- while the library loads and in the real globals afterwards.

-- A read-only view of `real` where a missing name raises, as Redis's error metatable does.
local function strict(real)
  local proxy = {}
  setmetatable_real(proxy, {
    __index = function(_, name)
      local v = real[name]
      if v == nil then
        error_real("Script attempted to access nonexistent global variable '" .. tostring_real(name) .. "'", 2)
      end
      return v
    end,
    __newindex = readonly,
    __metatable = hidden_metatable,
  })
  protected[proxy] = true
  return proxy
end

local register, function_flags = raw.register_function, raw.function_flags
local lower = string.lower
local loading = false

-- lua_isstring: strings and numbers (numbers as 5.1 printed them).
local function text_of(v)
  local t = type(v)
  if t == 'string' then return v end
  if t == 'number' then return num2str(v) end
  return nil
end

local function read_flags(list)
  local flags, j = 0, 1
  while true do
    local name = list[j]
    if name == nil then return flags end
    local text = text_of(name)
    local flag = text and function_flags[lower(text)]
    if not flag then raise('unknown flag given') end
    flags = flags | flag
    j = j + 1
  end
end

local function read_named_arguments(arguments)
  if type(arguments) ~= 'table' then
    raise('calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).')
  end
  local name, description, callback, flags = nil, nil, nil, 0
  for key, value in next, arguments do
    local text = text_of(key)
    if not text then raise('named argument key given to redis.register_function is not a string') end
    text = lower(text)
    if text == 'function_name' then
      name = text_of(value)
      if not name then raise('function_name argument given to redis.register_function must be a string') end
    elseif text == 'description' then
      description = text_of(value)
      if not description then raise('description argument given to redis.register_function must be a string') end
    elseif text == 'callback' then
      if type(value) ~= 'function' then raise('callback argument given to redis.register_function must be a function') end
      callback = value
    elseif text == 'flags' then
      if type(value) ~= 'table' then
        raise('flags argument to redis.register_function must be a table representing function flags')
      end
      flags = read_flags(value)
    else
      raise('unknown argument given to redis.register_function')
    end
  end
  if name == nil then raise('redis.register_function must get a function name argument') end
  if callback == nil then raise('redis.register_function must get a callback argument') end
  return name, callback, description, flags
end

local function register_function(...)
  if not loading then raise('redis.register_function can only be called on FUNCTION LOAD command') end
  local argc = select('#', ...)
  if argc < 1 or argc > 2 then raise('wrong number of arguments to redis.register_function') end
  local name, callback, description, flags
  if argc == 1 then
    name, callback, description, flags = read_named_arguments((...))
  else
    local first, second = ...
    name = text_of(first)
    if not name then raise('first argument to redis.register_function must be a string') end
    if type(second) ~= 'function' then raise('second argument to redis.register_function must be a function') end
    callback, flags = second, 0
  end
  local ok, message = register(name, callback, description, flags)
  if not ok then raise(message) end
end

local load_api = strict({
  redis = strict({
    register_function = register_function,
    log = redis.log,
    LOG_DEBUG = redis.LOG_DEBUG, LOG_VERBOSE = redis.LOG_VERBOSE,
    LOG_NOTICE = redis.LOG_NOTICE, LOG_WARNING = redis.LOG_WARNING,
    REDIS_VERSION = redis.REDIS_VERSION, REDIS_VERSION_NUM = redis.REDIS_VERSION_NUM,
  }),
})

local library_env = {}
local library_env_metatable = {
  __index = G,
  __newindex = readonly,
  __pairs = function() return function(_, k) return next(G, k) end, library_env, nil end,
  __metatable = hidden_metatable,
}
setmetatable_real(library_env, library_env_metatable)
protected[library_env] = true

-- Ends a load, also one the timeout abandoned in the middle: the library's functions see the real globals again.
local function finish_load()
  loading = false
  library_env_metatable.__index = G
end

-- The body of the coroutine a library's code runs in: true, or false and the error as Redis reports it (a string
-- error prefixed with ERR, a {err=...} table's text).
local function load_library(chunk)
  script_thread = coroutine_running()
  loading = true
  library_env_metatable.__index = load_api
  local ok, e = pcall_real(chunk)
  finish_load()
  if ok then return true, nil end
  if type(e) == 'table' then return false, text_of(rawget(e, 'err')) end
  return false, 'ERR ' .. tostring51(e)
end

-- The body of the coroutine a function runs in: its single result, or its error table.
local function run_function(f, keys, args)
  script_thread = coroutine_running()
  local ok, result = xpcall_real(f, handler, keys, args)
  return ok, result
end

return library_env, run_function, G, load_library, finish_load
